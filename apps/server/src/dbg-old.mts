import fs from "node:fs";
const mod = await import(process.argv[2] as string);
const file = process.argv[3] as string;
const t0 = performance.now();
try { await mod.readTable(fs.readFileSync(file), [{ header: "Mã", key: "code" }]); console.log("ok"); } catch (e) { console.log("error", (e as Error).message); }
console.log(file, Math.round(performance.now() - t0), "ms");

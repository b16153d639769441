import type { FastifyReply } from "fastify";
import { XMLBuilder } from "fast-xml-parser";

/**
 * Open311 GeoReport v2 answers in its two formats. JSON is the data as is (a top-level array,
 * but for the discovery file and a service definition, as the spec has them); XML is the same
 * data under the element names the spec gives (the Spark convention read backwards): a list
 * becomes a wrapper element holding one element per item.
 */

export type Open311Format = "json" | "xml";

export function formatOf(value: string | undefined): Open311Format | null {
  return value === "json" || value === "xml" ? value : null;
}

/** The format an address asks for, even one no route matched (for its 404). */
export function formatOfUrl(url: string): Open311Format {
  return /\.xml$/i.test(url.split("?")[0] ?? "") ? "xml" : "json";
}

/** The element name of one item of each list the answers hold. */
const ITEM_NAMES: Record<string, string> = {
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
  notes: "note",
  photos: "photo",
};

/** What a whole answer is called in XML: its root, and (for a list) its items. */
export type XmlShape = { root: string; item?: string };

export const SHAPES = {
  discovery: { root: "discovery" },
  services: { root: "services", item: "service" },
  serviceDefinition: { root: "service_definition" },
  requests: { root: "service_requests", item: "request" },
  updates: { root: "service_request_updates", item: "request_update" },
  errors: { root: "errors", item: "error" },
} as const satisfies Record<string, XmlShape>;

/**
 * Characters XML 1.0 cannot carry at all (control characters, unpaired surrogates,
 * U+FFFE/U+FFFF): a stored text holding one must not make the whole document unreadable.
 */
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

type XmlNode = string | { [name: string]: XmlNode | XmlNode[] };

function toNode(value: unknown, name: string): XmlNode {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.replace(NOT_XML, "\uFFFD");
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    const item = ITEM_NAMES[name] ?? "item";
    return { [item]: value.map((v) => toNode(v, item)) };
  }
  if (typeof value === "object") {
    const node: Record<string, XmlNode> = {};
    for (const [key, child] of Object.entries(value)) {
      if (child === undefined) continue;
      node[key] = toNode(child, key);
    }
    return node;
  }
  return "";
}

const builder = new XMLBuilder({ format: true, indentBy: "  ", suppressEmptyNode: false, processEntities: true });

/** The XML document of an answer, with its declaration (UTF-8, as the spec requires). */
export function toXml(shape: XmlShape, data: unknown): string {
  const body =
    shape.item && Array.isArray(data)
      ? { [shape.root]: { [shape.item]: data.map((d) => toNode(d, shape.item ?? "item")) } }
      : { [shape.root]: toNode(data, shape.root) };
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(body) as string}`;
}

/** Sends an answer in the format asked for. */
export function sendOpen311(reply: FastifyReply, format: Open311Format, shape: XmlShape, data: unknown): FastifyReply {
  if (format === "xml") return reply.type("text/xml; charset=utf-8").send(toXml(shape, data));
  return reply.type("application/json; charset=utf-8").send(JSON.stringify(data));
}

export type Open311ErrorItem = { code: number; description: string };

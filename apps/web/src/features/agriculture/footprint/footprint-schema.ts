/**
 * The shared schema of the calculator's request, in a chunk of its own: it brings zod, which the
 * page needs only once the form is being edited (the example's result is checked by the server).
 */
export { footprintInputSchema } from "@phuong-xanh/shared";

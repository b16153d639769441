/** `/bao-cao/:code/don-vi/:id`: a unit's report in a period. */
export function unitReportPath(code: string, id: string): string {
  return `/bao-cao/${encodeURIComponent(code)}/don-vi/${encodeURIComponent(id)}`;
}

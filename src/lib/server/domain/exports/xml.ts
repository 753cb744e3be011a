// eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 refuses
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

/** Text safe inside an XML element or a double-quoted attribute. */
export const xmlText = (value: string) =>
  value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

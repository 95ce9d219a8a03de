// Content-Type of an attachment from its file name's extension: a small table, as data. What an
// attachment filter keys on is usually the extension and this type, so the common office, archive,
// image and executable types are here; anything else is application/octet-stream (RFC 2046 §4.5.1).

const TYPES: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  htm: 'text/html',
  html: 'text/html',
  ics: 'text/calendar',
  xml: 'application/xml',
  json: 'application/json',
  js: 'text/javascript',
  pdf: 'application/pdf',
  rtf: 'application/rtf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  docm: 'application/vnd.ms-word.document.macroEnabled.12',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xlsm: 'application/vnd.ms-excel.sheet.macroEnabled.12',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  zip: 'application/zip',
  gz: 'application/gzip',
  tgz: 'application/gzip',
  tar: 'application/x-tar',
  '7z': 'application/x-7z-compressed',
  rar: 'application/vnd.rar',
  iso: 'application/x-iso9660-image',
  exe: 'application/x-msdownload',
  dll: 'application/x-msdownload',
  msi: 'application/x-msi',
  bat: 'application/x-msdos-program',
  ps1: 'text/plain',
  vbs: 'text/vbscript',
  jar: 'application/java-archive',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  pem: 'application/x-pem-file',
  p7s: 'application/pkcs7-signature',
};

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** The media type for a file name: by its last extension, case-insensitive. */
export function contentTypeFor(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName);
  return (m && TYPES[m[1]!.toLowerCase()]) ?? DEFAULT_CONTENT_TYPE;
}

// The ES-module build of jsonc-parser's scanner. The package's main entry is a
// UMD wrapper whose inner requires a bundler cannot follow, so the scanner is
// imported from its ES-module file directly, with the package's own types.
declare module 'jsonc-parser/lib/esm/impl/scanner.js' {
  export { createScanner } from 'jsonc-parser';
}

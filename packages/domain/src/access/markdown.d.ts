/** A file's text, as the test runner (Vite) imports it with `?raw`: the domain's tests read their README this way. */
declare module '*.md?raw' {
  const text: string
  export default text
}

// The part of autocannon 9's API the benchmark uses; the package ships no type declarations.
declare module "autocannon" {
  interface Options {
    readonly url: string
    readonly connections?: number
    readonly duration?: number
    readonly headers?: Record<string, string>
  }
  interface Result {
    readonly requests: { readonly average: number }
    readonly non2xx: number
    readonly errors: number
  }
  function autocannon(options: Options, done: (error: Error | null | undefined, result: Result) => void): unknown
  export default autocannon
}

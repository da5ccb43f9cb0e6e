export type * from "./Views.js"

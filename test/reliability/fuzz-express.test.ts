import { fuzzHost } from "./support/fuzz.js"

fuzzHost("express")

import { layerMemory } from "@iupkit/store-memory"
import { runStorageConformance } from "@iupkit/testkit"

// Shows how an adapter declares a gap: the suite prints the reason and names it in the skipped
// tests' titles, while every other test still runs.
runStorageConformance("memory with a declared gap", layerMemory(), {
  lacks: { concurrentWriters: "this run demonstrates how a declared gap is reported" }
})

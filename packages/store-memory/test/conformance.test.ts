import { layerMemory } from "@iupkit/store-memory"
import { runStorageConformance } from "@iupkit/testkit"

runStorageConformance("memory", layerMemory())

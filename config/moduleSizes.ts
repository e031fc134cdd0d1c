import fs from 'node:fs'
import path from 'node:path'
import type { Compiler, Module } from 'webpack'

/**
 * Records which modules make up each emitted script of the weapp build, with their sizes before
 * minification, in `<outputRoot>.modules.json` beside the build (not inside it: it is not shipped).
 * `npm run check:size` prints the largest modules of the main package from it.
 */
export class ModuleSizesPlugin {
  constructor(private readonly outputRoot: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('ModuleSizesPlugin', (stats) => {
      const { compilation } = stats
      const files: Record<string, { module: string; size: number }[]> = {}
      const name = (m: Module) => {
        const id = m.nameForCondition() ?? m.identifier()
        const rel = path.relative(compiler.context, id).replace(/\\/g, '/')
        return rel.replace(/^.*node_modules\//, 'node_modules/')
      }
      for (const chunk of compilation.chunks) {
        // A concatenated module (webpack's scope hoisting) is listed as the modules it is made of,
        // so a store pulling in others shows them rather than one large root.ts
        const inner = (m: Module): Module[] => {
          const parts = (m as Module & { modules?: Module[] }).modules
          return Array.isArray(parts) ? parts.flatMap(inner) : [m]
        }
        const modules = compilation.chunkGraph
          .getChunkModules(chunk)
          .flatMap(inner)
          .map((m) => ({ module: name(m), size: m.size() }))
        for (const file of chunk.files) if (file.endsWith('.js')) files[file] = modules.sort((a, b) => b.size - a.size)
      }
      fs.writeFileSync(`${path.resolve(compiler.context, this.outputRoot)}.modules.json`, JSON.stringify(files))
    })
  }
}

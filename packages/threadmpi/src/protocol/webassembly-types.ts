/**
 * The part of the WebAssembly JS API that threadmpi uses. Node 20 has all of it, but neither
 * TypeScript's ES libraries nor @types/node 20 declare it (only the DOM library does, which a
 * Node package should not pull in). Imported for its declarations by the modules that use them,
 * so that their emitted .d.ts files carry them too.
 */
declare global {
  namespace WebAssembly {
    interface MemoryDescriptor {
      initial: number;
      maximum?: number;
      shared?: boolean;
    }
    class Memory {
      constructor(descriptor: MemoryDescriptor);
      readonly buffer: ArrayBuffer | SharedArrayBuffer;
    }
    class Module {
      constructor(bytes: Uint8Array);
    }
    class Instance {
      constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
      readonly exports: Record<string, unknown>;
    }
    function validate(bytes: Uint8Array): boolean;
  }
}

export {};

// Runs a program under the SDK's runtime mocks through the test engine's runProgram and returns what it
// registered: each dynamic resource's inputs with the `__provider` text exactly as the closure serializer wrote it.
import { runProgram, type Registration } from "../test/engine/program";

export async function capture(program: () => void): Promise<{ registrations: Registration[]; errors: string[] }> {
  const registrations: Registration[] = [];
  const { errors } = await runProgram({
    project: "elastic-keys-bench",
    stack: "capture",
    preview: true,
    program,
    config: {},
    hooks: {
      register: async (reg) => {
        registrations.push(reg);
        return { outputs: reg.inputs };
      },
      registerOutputs: () => undefined,
    },
  });
  return { registrations, errors };
}

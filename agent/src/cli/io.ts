/** What a command may touch of its process: given by the entry point, faked by tests. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
  err: (text: string) => void;
}

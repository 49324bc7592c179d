/** How `csm demo` talks to the person watching it and runs csm in its repo. */
export interface DemoIo {
  say(text: string): void;
  /** Runs `csm <args>` in the demo repo, printing its output. */
  csm(args: string[], input?: string): Promise<number>;
}

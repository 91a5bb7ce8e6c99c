/** Every secret the emulator issued or accepted, so tests can scan logs and state files for leaks. */
export class SecretLog {
  private readonly secrets = new Set<string>();

  remember(...values: string[]): void {
    for (const value of values) if (value.length > 0) this.secrets.add(value);
  }

  all(): string[] {
    return [...this.secrets];
  }
}

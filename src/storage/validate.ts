import type { z } from 'zod';
import { ValidationError, issuesFromZod, type ValidationIssue } from './errors.ts';

/** Collects issues across several records so the kader sees every problem of a form at once. */
export class IssueCollector {
  readonly issues: ValidationIssue[] = [];

  parse<S extends z.ZodType>(schema: S, candidate: unknown, prefix = ''): z.output<S> | null {
    const result = schema.safeParse(candidate);
    if (result.success) return result.data;
    this.issues.push(...issuesFromZod(result.error, prefix));
    return null;
  }

  add(path: string, key: string): void {
    this.issues.push({ path, key });
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw new ValidationError(this.issues);
  }
}

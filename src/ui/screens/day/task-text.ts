import type { PackageItemKind } from '../../../domain/posyandu-day/daily-package.ts';
import type { FollowUpTask } from '../../../domain/posyandu-day/follow-up-tasks.ts';
import { t, type StringKey } from '../../../i18n/index.ts';
import { itemLabel } from './item-label.ts';
import { findingTaskText } from './judgement-text.ts';

/** One home-visit task in the kader's words. */
export function describeTask(task: FollowUpTask): string {
  let subject = task.subject ?? '';
  if (task.kind === 'package_missing') {
    // taskKey is `package:<person>:<date>:<kind>:<code>`: the kind says which catalogue names the item.
    const kind = task.taskKey.split(':')[3] as PackageItemKind;
    subject = itemLabel({ kind, code: subject });
  } else if (task.kind === 'overdue_dose') {
    subject = itemLabel({ kind: 'immunization', code: subject });
  } else if (task.kind === 'vitamin_a_sweeping') {
    subject = itemLabel({ kind: 'service', code: subject });
  } else if (task.kind === 'finding') {
    subject = findingTaskText(subject);
  }
  return t(`task_${task.kind}` as StringKey, { subject });
}

/**
 * The study companion on the command line, for the local member: `netlab quiz` asks a question
 * and `netlab quiz --answer N` answers it (each one process, so a script can drive a quiz with
 * `--json`), and `netlab db backup FILE` copies the live database.
 */
import type { Answer } from '../answer.ts';
import type { Command } from '../commands/command.ts';
import { UserError } from '../errors.ts';
import type { Lang } from '../i18n.ts';
import type { BackupReport } from '../store/backup.ts';
import { LOCAL_USER, runLocalButton, type LocalDeps } from './local-command.ts';

const noQuestion = new UserError('quiz-none-open', { en: 'No question is open. `netlab quiz` asks one.', zh: '现在没有待答的题目。用 `netlab quiz` 出一道。' });

/** Answers the local member's open question with the choice numbered `choice` (1-based), as its button would. */
export function answerLocalQuiz(deps: LocalDeps, quiz: Command, choice: number, lang: Lang): Promise<Answer> {
  const open = deps.store.quiz.latest({ scope: 'local', userId: LOCAL_USER });
  if (!open) throw noQuestion;
  return runLocalButton(deps, { command: quiz, argument: `${open.id}.${choice}`, lang, surface: 'shell' });
}

export function describeBackup(report: BackupReport): string {
  const mib = (report.bytes / 1024 / 1024).toFixed(2);
  return `backed up to ${report.file}: ${report.pages} pages, ${mib} MiB, schema version ${report.schemaVersion}, integrity ${report.integrity}`;
}

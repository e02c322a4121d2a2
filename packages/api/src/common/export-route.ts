/**
 * The plumbing every file export shares (CSV, .xlsx): the signed-in user (set by the app's authentication, app.ts),
 * the request's parameters checked and its scope enforced by the feature's `prepare` before anything is read, errors
 * as JSON naming the parameter (400, 403), one audit-log entry per file handed out, then the file: written inside a
 * shared section of the store gate (common/load-gate.ts) into the system's temp dir and sent after leaving it — an
 * answer wholly before or after a load, never whole in memory, and a slow download never holds a load back.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { type AuditAction, type AuditParams, recordAudit } from '@c12315/store';
import type { MikroORM } from '@mikro-orm/core';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { actedBy } from '../audit/acting-user';
import type { AuthUser } from '../context';
import { badUserInput } from './errors';
import { storeGate } from './load-gate';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ExportFile {
  /** ASCII file name (`filename=`), e.g. `overdue_330100_2025-10-13.csv`; also the audit entry's target. */
  downloadName: string;
  /** The Chinese name the browser saves (`filename*=`), e.g. `超期案件_330100_2025-10-13.csv`. */
  fileName: string;
  contentType: string;
  audit: { action: AuditAction; params: AuditParams };
  /** Writes the whole file into `out` and ends it; runs inside a shared section of the store gate. */
  write(out: Writable): Promise<void>;
}

/** Query string → the file to write; throws BAD_USER_INPUT naming the parameter, or FORBIDDEN, before any read. */
export type PrepareExport = (user: AuthUser, query: Record<string, unknown>) => ExportFile;

const STATUS_OF_CODE: Record<string, number> = { BAD_USER_INPUT: 400, FORBIDDEN: 403, UNAUTHENTICATED: 401 };

/** A text in Chinese and English, as the loader words its messages (etl ExportReadError): 中文 / English. */
export interface Bilingual {
  zh: string;
  en: string;
}

export const MONTH_FORMAT: Bilingual = { zh: '格式为 YYYY-MM', en: 'written YYYY-MM' };
export const DATE_FORMAT: Bilingual = { zh: '日期，格式为 YYYY-MM-DD', en: 'a date written YYYY-MM-DD' };

/** The export's refusals, each naming its parameter first (`argument` too), then why in Chinese / English. */
export const exportErrors = {
  signInRequired: '请先登录 / sign in required',
  badToken: '登录已失效或无效，请重新登录 / the sign-in has expired or is not valid: sign in again',
  unknownParameter: (name: string, known: readonly string[]) =>
    badUserInput(name, `未知参数（可用：${known.join('、')}）/ unknown parameter (known: ${known.join(', ')})`),
  notText: (name: string) => badUserInput(name, '只能给出一次，且为文本 / give it once, as text'),
  notTextValues: (name: string) => badUserInput(name, '取值应为文本 / expected text values'),
  required: (name: string, how: Bilingual) => badUserInput(name, `必填，${how.zh} / required, ${how.en}`),
};

/** A GraphQLError of the API's vocabulary as the JSON answer of an export; false when it is not one. */
export function sendExportError(res: Response, error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  const code = String(error.extensions.code ?? '');
  const status = STATUS_OF_CODE[code];
  if (!status || res.headersSent) return false;
  const argument = error.extensions.argument as string | undefined;
  res.status(status).json({ error: { code, message: error.message, ...(argument ? { argument } : {}) } });
  return true;
}

/**
 * The query string → its parameters: each of `scalars` given at most once as text; each of `lists` repeated or
 * comma-separated (blanks dropped). An unknown parameter is refused naming it and the known ones.
 */
export function exportParams<S extends string, L extends string = never>(
  query: Record<string, unknown>,
  scalars: readonly S[],
  lists: readonly L[] = [],
): Partial<Record<S, string>> & Partial<Record<L, string[]>> {
  const out: Record<string, string | string[]> = {};
  for (const [name, raw] of Object.entries(query)) {
    if ((scalars as readonly string[]).includes(name)) {
      if (typeof raw !== 'string') throw exportErrors.notText(name);
      out[name] = raw;
    } else if ((lists as readonly string[]).includes(name)) {
      out[name] = (Array.isArray(raw) ? raw : [raw]).flatMap((v) => {
        if (typeof v !== 'string') throw exportErrors.notTextValues(name);
        return v
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
      });
    } else {
      throw exportErrors.unknownParameter(name, [...scalars, ...lists]);
    }
  }
  return out as Partial<Record<S, string>> & Partial<Record<L, string[]>>;
}

/** A required parameter; BAD_USER_INPUT naming it (and how it is written, zh / en) when absent. */
export function required<T>(value: T | undefined, name: string, how: Bilingual): T {
  if (value === undefined) throw exportErrors.required(name, how);
  return value;
}

export interface ExportHandlerDeps {
  /** The metadata store: every file handed out is written to the audit log before its first byte. */
  orm: MikroORM;
}

/** Express 5 handler of one export route. */
export function exportHandler(deps: ExportHandlerDeps, prepare: PrepareExport): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const user = req.user;
    if (!user) {
      res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: exportErrors.signInRequired } });
      return;
    }
    let file: ExportFile;
    try {
      file = prepare(user, req.query as Record<string, unknown>);
    } catch (error) {
      if (sendExportError(res, error)) return;
      throw error;
    }
    await recordAudit(deps.orm.em, {
      action: file.audit.action,
      ...actedBy(user, req.ip),
      target: file.downloadName,
      params: file.audit.params,
    });
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'c12315-export-'));
    const spool = path.join(dir, 'export');
    try {
      try {
        await storeGate.read(async () => {
          const out = fs.createWriteStream(spool);
          try {
            await Promise.all([file.write(out), finished(out)]);
          } catch (error) {
            out.destroy();
            throw error;
          }
        });
      } catch (error) {
        if (sendExportError(res, error)) return;
        throw error;
      }
      res.status(200);
      res.setHeader('Content-Type', file.contentType);
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${file.downloadName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      );
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Length', String((await fs.promises.stat(spool)).size));
      // A failure mid-stream destroys the response: the client sees a broken download, never a silently short file.
      try {
        await pipeline(fs.createReadStream(spool), res);
      } catch (error) {
        // The client left: mid-download, or on a `Connection: close` request as soon as it had every byte, before the
        // response's own finish. Nobody is left to answer and it is no server fault to log (a stack per download).
        if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
        throw error;
      }
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  };
}

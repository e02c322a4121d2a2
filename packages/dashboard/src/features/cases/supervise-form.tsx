/** Record a 督办 (note + deadline) through `superviseCase`; shown to SUPERVISOR, CITY_CHIEF and PROVINCE_ADMIN. */
import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { todayShanghai } from '../../format/months';
import { useI18n } from '../../i18n/i18n';
import { SUPERVISE_MUTATION } from './case.queries';

export const SUPERVISING_ROLES = ['SUPERVISOR', 'CITY_CHIEF', 'PROVINCE_ADMIN'] as const;

export function SuperviseForm({ caseId, onSaved }: { caseId: string; onSaved: () => void }) {
  const { t } = useI18n();
  const today = todayShanghai();
  const [note, setNote] = useState('');
  const [deadline, setDeadline] = useState(() => new Date(Date.parse(today) + 7 * 86_400_000).toISOString().slice(0, 10));
  const [saved, setSaved] = useState(false);
  const [supervise, { loading, error }] = useMutation(SUPERVISE_MUTATION);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const res = await supervise({ variables: { caseId, note: note.trim(), deadline } }).catch(() => null);
    if (res?.data) {
      setNote('');
      setSaved(true);
      onSaved();
    }
  };
  return (
    <form className="card supervise-form" onSubmit={submit}>
      <h2>{t('case.supervise')}</h2>
      <label className="field field-wide">
        <span>{t('case.note')}</span>
        <textarea
          data-testid="supervise-note"
          value={note}
          rows={3}
          required
          maxLength={1000}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('case.deadline')}</span>
        <input
          type="date"
          data-testid="supervise-deadline"
          value={deadline}
          min={today}
          required
          onChange={(e) => setDeadline(e.target.value)}
        />
      </label>
      {error && (
        <div className="form-error" role="alert">
          {error.message}
        </div>
      )}
      {saved && <output className="form-ok">{t('case.saved')}</output>}
      <button type="submit" className="btn btn-primary" data-testid="supervise-submit" disabled={loading || !note.trim()}>
        {t('case.submit')}
      </button>
    </form>
  );
}

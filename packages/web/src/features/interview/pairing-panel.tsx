import { useCallback, useEffect, useRef, useState } from 'react';
import {
  notificationsSupported,
  primeAlarmAudio,
  requestAlarmNotifications,
  soundPairingAlarm,
} from '../../lib/pairing-alarm.ts';
import { useInterviewContext } from './interview-context.tsx';
import { LiveNotes } from './live-notes.tsx';
import { Countdown, useRemaining } from './phase-clock.tsx';
import { TransitionButton } from './transition-button.tsx';
import './interview.css';

export function PairingPanel() {
  const { interview, takesNotes } = useInterviewContext();
  const endsAt = interview.clock.pairingEndsAt;
  usePrimeAudioOnGesture();
  return (
    <section aria-labelledby="pairing-heading" className="stage-panel pairing">
      <h2 id="pairing-heading" className="visually-hidden">
        Pairing
      </h2>
      <div className="pairing-top">
        {endsAt ? (
          <Countdown label="Pairing" endsAt={endsAt} totalMs={interview.task.pairingMinutes * 60_000} big />
        ) : (
          <p>The server has not started the clock.</p>
        )}
        <div className="pairing-controls">
          <NotificationOffer />
          <TransitionButton action="end_pairing" label="End pairing" />
        </div>
      </div>
      {endsAt && <PairingAlarm endsAt={endsAt} />}
      {takesNotes && <LiveNotes showLevers />}
    </section>
  );
}

/**
 * Fires once per pairing session, also after a reload past the end (remembered per session in
 * localStorage, so a reload does not beep again). Background tabs get their repeating timers
 * throttled, so besides the on-screen countdown a one-off timer is set for the moment the time is
 * up, and the time is checked again whenever the tab becomes visible (e.g. after a laptop slept).
 */
function PairingAlarm({ endsAt }: { endsAt: string }) {
  const { interview, serverNow } = useInterviewContext();
  const remaining = useRemaining(endsAt);
  const [firedNow, setFiredNow] = useState(false);
  const up = remaining <= 0 || firedNow;
  const key = `pairwise.alarm.${interview.id}.${endsAt}`;
  const fired = useRef(false);
  const candidateName = interview.candidate.name;

  const fire = useCallback(() => {
    if (fired.current) return;
    fired.current = true;
    setFiredNow(true);
    if (localStorage.getItem(key)) return;
    localStorage.setItem(key, new Date().toISOString());
    soundPairingAlarm(candidateName);
  }, [key, candidateName]);

  useEffect(() => {
    if (up) fire();
  }, [up, fire]);

  useEffect(() => {
    const check = () => {
      if (Date.parse(endsAt) - serverNow() <= 0) fire();
    };
    // Clamped: a delay beyond 2^31 ms fires at once.
    const delay = Math.min(Math.max(0, Date.parse(endsAt) - serverNow()) + 50, 2 ** 31 - 1);
    const timer = window.setTimeout(check, delay);
    document.addEventListener('visibilitychange', check);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, [endsAt, serverNow, fire]);

  if (!up) return null;
  return (
    <div className="alarm-banner" role="alert">
      Time is up. Finish the sentence you are in, thank {interview.candidate.name}, then end pairing.
    </div>
  );
}

function NotificationOffer() {
  const [permission, setPermission] = useState(() =>
    notificationsSupported() ? Notification.permission : 'unsupported',
  );
  if (permission !== 'default') return null;
  return (
    <button
      type="button"
      className="secondary small"
      onClick={async () => setPermission(await requestAlarmNotifications())}
    >
      Also notify me on the desktop at the end
    </button>
  );
}

/** Browsers allow sound only after a gesture; any key or click on this page counts. */
function usePrimeAudioOnGesture() {
  useEffect(() => {
    const prime = () => primeAlarmAudio();
    document.addEventListener('keydown', prime, { once: true });
    document.addEventListener('pointerdown', prime, { once: true });
    return () => {
      document.removeEventListener('keydown', prime);
      document.removeEventListener('pointerdown', prime);
    };
  }, []);
}

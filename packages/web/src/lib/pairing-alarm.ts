/**
 * The end-of-pairing alarm: a beep and, if allowed, a desktop notification. Browsers only let a
 * page make sound after a user gesture, so the audio context is created on the first key or
 * click and reused when the alarm fires.
 */
let audio: AudioContext | null = null;

export function primeAlarmAudio() {
  if (audio || typeof AudioContext === 'undefined') return;
  try {
    audio = new AudioContext();
  } catch {
    audio = null;
  }
}

function beep() {
  if (!audio) return;
  void audio.resume();
  const start = audio.currentTime;
  // Three short tones: noticeable over a conversation without being alarming for the candidate.
  for (let i = 0; i < 3; i++) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, start + i * 0.4);
    gain.gain.exponentialRampToValueAtTime(0.3, start + i * 0.4 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.4 + 0.3);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start + i * 0.4);
    oscillator.stop(start + i * 0.4 + 0.32);
  }
}

export const notificationsSupported = () => typeof Notification !== 'undefined';

export async function requestAlarmNotifications(): Promise<NotificationPermission | 'unsupported'> {
  if (!notificationsSupported()) return 'unsupported';
  return Notification.requestPermission();
}

export function soundPairingAlarm(candidateName: string) {
  beep();
  if (notificationsSupported() && Notification.permission === 'granted') {
    try {
      new Notification('Pairing time is up', {
        body: `Wrap up the pairing session with ${candidateName}.`,
        tag: 'pairwise-pairing-alarm',
      });
    } catch {
      // Some browsers only allow notifications from a service worker; the banner still shows.
    }
  }
}

/** How the alarm chime sounds: a falling two-note call, repeated a few times, then silence. */
export const CHIME = {
  repeats: 3,
  /** Seconds from one call to the next. */
  every: 2.4,
  notes: [
    { hz: 880, at: 0, length: 0.45 },
    { hz: 659.25, at: 0.5, length: 0.8 },
  ],
  volume: 0.5,
} as const;

type AudioContextLike = Pick<
  AudioContext,
  'currentTime' | 'destination' | 'createOscillator' | 'createGain' | 'resume' | 'close'
>;

/**
 * Plays the alarm chime with Web Audio: each note a sine with a soft overtone under a quick
 * attack and a long decay, synthesized here (no sound file). Returns a function that stops it.
 * Without Web Audio (or when the browser refuses) it stays silent and says so by returning null.
 */
export function playChime(win: Window = window): (() => void) | null {
  const Ctor = (win as Window & { AudioContext?: new () => AudioContextLike }).AudioContext;
  if (!Ctor) return null;
  let audio: AudioContextLike;
  try {
    audio = new Ctor();
  } catch {
    return null;
  }
  // A kiosk's launcher allows sound without a tap (--autoplay-policy); elsewhere resume may wait.
  void audio.resume().catch(() => undefined);
  const start = audio.currentTime + 0.05;
  for (let r = 0; r < CHIME.repeats; r++) {
    for (const note of CHIME.notes) {
      const at = start + r * CHIME.every + note.at;
      for (const [multiple, level] of [
        [1, 1],
        [2, 0.15],
      ] as const) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.type = 'sine';
        osc.frequency.value = note.hz * multiple;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(CHIME.volume * level, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + note.length);
        osc.connect(gain).connect(audio.destination);
        osc.start(at);
        osc.stop(at + note.length + 0.05);
      }
    }
  }
  const total = (CHIME.repeats - 1) * CHIME.every + 1.5;
  const closer = setTimeout(() => void audio.close().catch(() => undefined), total * 1000);
  return () => {
    clearTimeout(closer);
    void audio.close().catch(() => undefined);
  };
}

const lastPlayed = new Map<string, number>();

/**
 * Chimes for one alarm version unless it chimed less than `quietMs` ago (the attract screen
 * chimed, then the resident's tap opened the card: once is enough).
 */
export function chimeFor(key: string, quietMs = 30_000, win: Window = window): (() => void) | null {
  const now = Date.now();
  if (now - (lastPlayed.get(key) ?? Number.NEGATIVE_INFINITY) < quietMs) return null;
  lastPlayed.set(key, now);
  return playChime(win);
}

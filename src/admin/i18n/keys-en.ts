import type { keysZhCN } from './keys-zh-CN.ts';

/** The Keys page's words in English. */
export const keysEn: Record<keyof typeof keysZhCN, string> = {
  'nav.keys': 'Keys',
  'keys.title': 'Keys and the root of trust',
  'keys.intro':
    'Kiosks take content only if it is signed under this chain. Root keys are kept offline by a few holders (on USB sticks); the hub signs content and timestamps online. One stolen root key is not enough: a new root needs the threshold of signatures.',
  'keys.demo':
    'The demo root keys are on this hub’s disk (data/keys/): whoever reads this disk can sign a new root. Before real use, run npm run keys -- init on a computer that is not on a network, and give each root key to its holder on its own USB stick.',
  'keys.expiry': 'Expiry dates ahead',
  'keys.rootExpires': 'Root of trust version {version}',
  'keys.daysLeft': 'expires {date}, {days} days from now',
  'keys.expiresSoon': 'expires {date}, only {days} days left: ask the holders to sign a new root soon.',
  'keys.expired': 'expired {date}: kiosks stop updating until a new root is signed.',
  'keys.timestamps': 'Timestamps',
  'keys.timestampsValue': 'renewed by the hub, each valid {hours} hours (the root allows at most {max})',
  'keys.holders': 'Who holds which key',
  'keys.role.root': 'Root keys',
  'keys.role.content': 'Content signing',
  'keys.role.timestamp': 'Timestamp signing',
  'keys.threshold': '{threshold} of {total} must sign',
  'keys.holder': 'Holder',
  'keys.keyId': 'Key id',
  'keys.where': 'Kept',
  'keys.online': 'on this hub (online)',
  'keys.offline': 'offline',
  'keys.chain': 'The chain',
  'keys.chainTable': 'Every root version',
  'keys.version': 'Version',
  'keys.added': 'In use since',
  'keys.expires': 'Expires',
  'keys.signedBy': 'Signed by',
  'keys.changed': 'Changed',
  'keys.first': 'the first (built into the kiosk app)',
  'keys.rotate': 'Rotate keys',
  'keys.rotateIntro':
    'When a key may have leaked, a holder leaves, or the root is about to expire, draft a new root here; the holders sign it on an offline computer and you upload it. From then on, kiosks refuse content signed by the old keys at once.',
  'keys.newContent': 'Make a new content key on the hub (replaces the one the hub holds)',
  'keys.newTimestamp': 'Make a new timestamp key on the hub',
  'keys.removeRoot': 'Remove this root key',
  'keys.addRoot': 'Add a root key holder',
  'keys.addHolder': 'Holder’s name',
  'keys.addPublic': 'Public key (the holder runs npm run keys -- new, then public, on an offline computer)',
  'keys.rootThreshold': 'Root key threshold',
  'keys.validDays': 'Days the new root is valid',
  'keys.makeDraft': 'Draft root version {version}',
  'keys.step2': 'Step 2: sign offline',
  'keys.needs':
    'Version {version} needs signatures from {oldThreshold} of version {previous}’s root keys ({oldHolders}) and from {newThreshold} of its own ({newHolders}).',
  'keys.download': 'Download the draft {file}',
  'keys.command': 'Each holder puts their USB stick in a computer that is not on a network and runs:',
  'keys.step3': 'Step 3: upload the signed root',
  'keys.upload': 'Choose the signed file',
  'keys.uploaded':
    'Root version {version} is now the root of trust. Kiosks follow at their next update check.',
  'keys.notJson': 'This file is not JSON.',
  'error.ROOT_INVALID': 'The root file is malformed, or a key id does not match its key.',
  'error.ROOT_THRESHOLD_NOT_MET':
    'Not enough signatures yet: it needs the threshold of the old root keys and of the new ones.',
  'error.ROOT_VERSION_INVALID':
    'Wrong version: only the version right after the current one can be uploaded.',
  'error.ROOT_EXPIRED': 'The root of trust has expired.',
  'error.PACK_KEY_REVOKED': 'The pack is signed with a key that is no longer trusted.',
  'error.PACK_THRESHOLD_NOT_MET': 'The pack does not carry enough signatures.',
  'error.CONTENT_KEY_OFFLINE':
    'The content key is not on the hub: sign the pack on an offline computer and upload it.',
  'error.TIMESTAMP_KEY_MISSING': 'The hub holds no timestamp key of the current root.',
};

import { z } from 'zod/mini';
import { en } from 'zod/locales';

// Cosell's schemas use zod/mini: the same parser as `zod`, about a third of its size in the drop-in
// bundle (issue 7). Unlike `zod`, zod/mini loads no locale, so its issues would read "Invalid input";
// configure the English messages that `zod` sets by default, once, before any schema parses.
// (package.json lists this module in `sideEffects` so that bundlers keep this call.)
z.config(en());

export { z };

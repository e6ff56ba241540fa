// Registers every cosell-* element. Import one element at a time with 'cosell/define/<element>'.
// Each area adds its define imports below its own marker; keep a blank line between areas.
import './provider/define.js';

// @area seller
import './partner-card/define.js';
import './referral-form/define.js';
import './my-referrals/define.js';

// @area board
import './pipeline-board/define.js';

// @area revshare
import './revshare-summary/define.js';

// @memlab/core (the heap-parser baseline in bench/) depends on puppeteer; no browser is needed here.
module.exports = { skipDownload: true };

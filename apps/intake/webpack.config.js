module.exports = require('../../tools/webpack/service.webpack.config')(__dirname, {
  // Re-scores stored answers under another scoring version (see src/rescore.ts).
  commands: ['rescore'],
});

module.exports = require('../../tools/webpack/service.webpack.config')(__dirname);

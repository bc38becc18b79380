// The baseline: a jscodeshift transform that only parses and prints.
module.exports = (file, api) => api.jscodeshift(file.source).toSource();

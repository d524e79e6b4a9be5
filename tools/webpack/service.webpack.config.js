const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join, relative } = require('node:path');

const workspaceRoot = join(__dirname, '../..');

/**
 * Webpack config of a service: one bundle per process, the API/worker (`main.js`) and the
 * `migrate.js` command (unless the service has no database), plus any other `commands` (each
 * `src/<name>.ts` → `<name>.js`), into dist/<project path>. Types are checked by the typecheck target.
 */
module.exports = function serviceWebpackConfig(projectDir, { migrate = true, commands = [] } = {}) {
  return {
    output: { path: join(workspaceRoot, 'dist', relative(workspaceRoot, projectDir)), clean: true },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        additionalEntryPoints: [...(migrate ? ['migrate'] : []), ...commands].map((name) => ({
          entryName: name,
          entryPath: `./src/${name}.ts`,
        })),
        tsConfig: './tsconfig.app.json',
        skipTypeChecking: true,
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: true,
        sourceMap: true,
      }),
    ],
  };
};

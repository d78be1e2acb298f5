/* The task pane's build, in the shape of the official React task-pane template (one taskpane entry, ts-loader,
 * HtmlWebpackPlugin, CopyWebpackPlugin with the manifest's URL rewrite, an https dev server on port 3000), without
 * its IE11 polyfill bundle: Fluent UI v9 needs an evergreen webview anyway.
 *
 *   npm run build   production build into dist/; with ADDIN_URL=https://… the manifest points there
 *   npm run dev     development server on https://localhost:3000/
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const webpack = require('webpack');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { DEV_URL, rewriteManifestUrls, normaliseAddinUrl } = require('./scripts/manifestUrls');

const DEV_PORT = Number(new URL(DEV_URL).port);

/**
 * The dev server's TLS. office-addin-dev-certs (which `npm start` runs on Windows and macOS) leaves a localhost
 * certificate trusted by the system in ~/.office-addin-dev-certs; Excel desktop accepts only a trusted one. Without
 * it (Linux, or before the first `npm start`), webpack-dev-server makes a self-signed certificate, which a browser
 * accepts after one click through its warning.
 */
function devServerTls() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const files = { key: 'localhost.key', cert: 'localhost.crt', ca: 'ca.crt' };
  const present = Object.values(files).every((f) => fs.existsSync(path.join(dir, f)));
  if (!present) return 'https';
  const options = {};
  for (const [k, f] of Object.entries(files)) options[k] = fs.readFileSync(path.join(dir, f));
  return { type: 'https', options };
}

/** A production build without ADDIN_URL still builds the web app, but says that its manifest points at localhost. */
class AddinUrlWarning {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('AddinUrlWarning', (compilation) => {
      compilation.warnings.push(
        new webpack.WebpackError(
          `ADDIN_URL 未设置：dist/manifest.xml 仍指向 ${DEV_URL}。部署前请设置 ADDIN_URL=https://你的站点/ 后重新构建。\n` +
            `ADDIN_URL is not set: dist/manifest.xml still points at ${DEV_URL}. Set it to the deployment URL and rebuild.`,
        ),
      );
    });
  }
}

module.exports = (env = {}, argv = {}) => {
  const dev = argv.mode !== 'production';
  const addinUrl = !dev && process.env.ADDIN_URL ? normaliseAddinUrl(process.env.ADDIN_URL) : null;

  return {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'eval-source-map' : 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      // Chunks are found relative to the script that loads them, so the app works under any base path.
      publicPath: 'auto',
      clean: true,
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
      alias: {
        // ExcelJS's own browser bundle (already polyfilled, no Node built-ins). Only `import('exceljs')`-reachable
        // code uses it, and it lands in an async chunk; see test/addin/bundle.test.ts.
        exceljs$: require.resolve('exceljs/dist/exceljs.min.js'),
      },
      // No Node built-ins are polyfilled or stubbed: with ExcelJS's browser bundle none is needed, and a browser
      // import of Node-only code (src/xlsx/readWorkbook.ts reads files by path) should fail the build, not the user.
    },
    module: {
      // A finished browserify bundle: nothing for webpack to look for inside it.
      noParse: /[\\/]exceljs[\\/]dist[\\/]exceljs(\.bare)?(\.min)?\.js$/,
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              configFile: path.resolve(__dirname, 'tsconfig.json'),
              onlyCompileBundledFiles: true,
              // tsconfig.json emits CommonJS for Node and jest; webpack needs ES modules to split `import()` into
              // chunks and to tree-shake Fluent UI.
              compilerOptions: { module: 'es2020', noEmit: false, sourceMap: true },
            },
          },
        },
      ],
    },
    optimization: {
      splitChunks: {
        cacheGroups: {
          exceljs: {
            test: /[\\/]node_modules[\\/]exceljs[\\/]/,
            name: 'exceljs',
            chunks: 'async',
            enforce: true,
            priority: 20,
          },
        },
      },
    },
    // The budget that matters (initial JavaScript ≤ 350 KB gzipped) is measured by test/addin/bundle.test.ts; webpack's
    // own hints count uncompressed bytes and would only flag the lazily loaded ExcelJS chunk.
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/index.html',
        chunks: ['taskpane'],
      }),
      // The same page at the site root: the address people open for browser mode.
      new HtmlWebpackPlugin({
        filename: 'index.html',
        template: './src/taskpane/index.html',
        chunks: ['taskpane'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform(content) {
              return addinUrl ? rewriteManifestUrls(content.toString('utf8'), addinUrl) : content;
            },
          },
        ],
      }),
      ...(!dev && !addinUrl ? [new AddinUrlWarning()] : []),
    ],
    devServer: {
      port: DEV_PORT,
      host: 'localhost',
      server: devServerTls(),
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      client: { overlay: { errors: true, warnings: false } },
    },
  };
};

#!/usr/bin/env node
// `npm start`: the main job on any machine.
//   Windows / macOS (where Excel runs): trust a localhost certificate and sideload the add-in into Excel
//     (office-addin-dev-certs, office-addin-debugging — run through npx, not dependencies: their native parts do not
//     build on Linux and would break `npm ci` there).
//   Elsewhere, or with --browser: serve the pane (development build, https://localhost:3000/) and print the
//     browser-mode address and how to sideload manifest.xml into Excel on the web. Ctrl+C stops it.
//   `npm start -- stop` (Windows / macOS): stop debugging and remove the sideloaded add-in.
'use strict';

const path = require('path');
const { spawn } = require('child_process');

const ROOT = path.join(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const args = process.argv.slice(2);
const desktop = process.platform === 'win32' || process.platform === 'darwin';

function out(text) {
  process.stdout.write(text + '\n');
}

/** Runs a command line in a shell (npx is npx.cmd on Windows, which Node only starts through a shell). */
function run(commandLine) {
  return new Promise((resolve, reject) => {
    const child = spawn(commandLine, { cwd: ROOT, stdio: 'inherit', shell: true });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${commandLine} → ${signal ?? `exit ${code}`}`));
    });
  });
}

async function sideloadIntoExcel() {
  out('正在安装本机开发证书并把加载项旁加载到 Excel……');
  out('Installing the localhost development certificate and sideloading the add-in into Excel…\n');
  await run('npx --yes office-addin-dev-certs install');
  await run(
    'npx --yes office-addin-debugging start manifest.xml desktop --app excel --dev-server "npm run dev" --dev-server-port 3000',
  );
  out('\nExcel 启动后，在“开始”选项卡的“绩效自评”组中点击“打开助手”。停止：npm start -- stop');
  out('When Excel opens: Home tab → 绩效自评 (Self-Evaluation) group → 打开助手 (Open Assistant). To stop: npm start -- stop');
}

async function stopSideload() {
  await run('npx --yes office-addin-debugging stop manifest.xml');
}

function banner(url) {
  return [
    '',
    '绩效自评助手已启动（浏览器模式）',
    `  在浏览器中打开：${url}`,
    '  开发服务器使用自签名证书：浏览器第一次会提示“连接不是私密连接”，选择“高级 → 继续访问”即可。',
    '',
    '  在 Excel 网页版中试用加载项：',
    `    1. 先在同一个浏览器中打开 ${url} 并接受证书；`,
    '    2. 在 Excel 网页版中打开一个工作簿，选择“插入 → 加载项 → 上传我的加载项”，',
    `       上传 ${MANIFEST}；`,
    '    3. 在“开始”选项卡的“绩效自评”组中点击“打开助手”。',
    '  按 Ctrl+C 停止。',
    '',
    'Performance Self-Evaluation Assistant is running (browser mode)',
    `  Open in a browser: ${url}`,
    '  The development server uses a self-signed certificate: accept the browser\'s warning once',
    '  ("Advanced → Proceed").',
    '',
    '  To try the add-in in Excel on the web:',
    `    1. open ${url} in the same browser and accept the certificate;`,
    '    2. open a workbook in Excel on the web, choose Insert → Add-ins → Upload My Add-in,',
    `       and upload ${MANIFEST};`,
    '    3. on the Home tab, in the 绩效自评 group, click 打开助手 (Open Assistant).',
    '  Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

async function serveInBrowserMode() {
  const webpack = require('webpack');
  const WebpackDevServer = require('webpack-dev-server');
  const makeConfig = require(path.join(ROOT, 'webpack.config.js'));
  const { DEV_URL } = require('./manifestUrls');

  const config = makeConfig({ WEBPACK_SERVE: true }, { mode: 'development' });
  const compiler = webpack(config);
  let announced = false;
  // Only errors and warnings from webpack, so the address stays readable; printed after webpack's own report.
  const server = new WebpackDevServer(
    { ...config.devServer, open: false, devMiddleware: { stats: 'errors-warnings' } },
    compiler,
  );
  compiler.hooks.done.tap('jxzp-start', (stats) => {
    setImmediate(() => {
      if (stats.hasErrors()) {
        out('\n构建失败，请查看上面的错误；修改代码后会自动重新构建。/ The build failed (see above); it rebuilds on save.');
      } else if (!announced) {
        announced = true;
        out(banner(DEV_URL));
      }
    });
  });
  out('正在构建（开发模式），请稍候…… / Building (development), please wait…');
  try {
    await server.start();
  } catch (error) {
    if (error && error.code === 'EADDRINUSE') {
      out(`端口 ${config.devServer.port} 已被占用：可能已经有一个助手在运行（${DEV_URL}）。请先停止它。`);
      out(`Port ${config.devServer.port} is in use: another copy may already be running at ${DEV_URL}. Stop it first.`);
      process.exit(1);
    }
    throw error;
  }
}

async function main() {
  if (args.includes('stop')) {
    if (!desktop) {
      out('浏览器模式下按 Ctrl+C 即可停止。/ In browser mode, press Ctrl+C in the terminal that runs it.');
      return;
    }
    await stopSideload();
    return;
  }
  if (desktop && !args.includes('--browser')) {
    await sideloadIntoExcel();
    return;
  }
  await serveInBrowserMode();
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});

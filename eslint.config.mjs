import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

// Only these files may touch Electron (design.md §1); everything else is plain Node or DOM.
const electronFiles = ['electron/main.ts', 'electron/preload.ts', 'electron/ipc/electron-adapter.ts', 'electron/host/**']
// Raw IPC objects are confined further: the preload and the adapter.
const rawIpcFiles = ['electron/preload.ts', 'electron/ipc/electron-adapter.ts']

const noElectron = {
  paths: [{ name: 'electron', message: 'Only main.ts, preload.ts, ipc/electron-adapter.ts and host/* may import electron.' }],
}
// Exact module names (not path patterns), so `../models/fs` is not mistaken for Node's `fs`.
const nodeModules = ['fs', 'fs/promises', 'path', 'os', 'child_process', 'net', 'crypto', 'http', 'stream', 'ssh2', 'ws']
const noNode = {
  paths: [
    ...nodeModules.map((name) => ({ name, message: 'This layer must not import Node, ssh2 or ws.' })),
    { name: 'electron', message: 'This layer must not import Electron.' },
  ],
  patterns: [{ group: ['node:*'], message: 'This layer must not import Node.' }],
}
const rawIpcBan = [
  { selector: "Identifier[name='ipcRenderer']", message: 'Use the typed contract; raw ipcRenderer lives only in the preload.' },
  { selector: "Identifier[name='ipcMain']", message: 'Use the typed contract; raw ipcMain lives only in the Electron adapter.' },
]

export default tseslint.config(
  { ignores: ['out/**', '.tmp/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', noElectron],
      'no-restricted-syntax': ['error', ...rawIpcBan],
    },
  },
  {
    files: electronFiles,
    rules: { 'no-restricted-imports': 'off' },
  },
  { files: rawIpcFiles, rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['shared/**'],
    rules: { 'no-restricted-imports': ['error', noNode] },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', noNode],
    },
  },
)

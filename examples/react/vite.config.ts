import { defineConfig } from 'vite';

// React 19 JSX through Vite's own transform (add @vitejs/plugin-react for fast refresh in development).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
});

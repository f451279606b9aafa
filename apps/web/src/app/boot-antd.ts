/**
 * antd's ConfigProvider (its theme, tokens and colour palettes, the core of antd's shared chunk), imported by a
 * start-up step of its own (main.tsx) before the providers: the providers' step evaluated all of antd's core in one
 * task (≈ 100–150 ms at 4× CPU).
 */
export { ConfigProvider } from 'antd';

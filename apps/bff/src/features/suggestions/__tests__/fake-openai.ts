/**
 * A small OpenAI-compatible chat server on loopback for the writer's tests. `mode` chooses its behaviour:
 *  - good: rewrites the rule text it was sent, keeping its numbers;
 *  - invented: adds a number that is in no evidence (37.9%);
 *  - slow: answers well, but only after `slowMs`;
 *  - error: HTTP 500;
 *  - garbage: 200 with content that is not the JSON asked for.
 * Every request body is kept, so tests can see exactly what left the process.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeMode = 'good' | 'invented' | 'slow' | 'error' | 'garbage';

type Payload = {
  ruleText: { zh: { title: string; content: string }; en: { title: string; content: string } };
};

export const REWRITE_MARK = { zh: '【AI 润色】', en: '[AI] ' };

function answerFor(mode: FakeMode, payload: Payload): string {
  const { zh, en } = payload.ruleText;
  const extra =
    mode === 'invented'
      ? { zh: '预计营收提升 37.9%。', en: ' Expect revenue to rise 37.9%.' }
      : { zh: '', en: '' };
  return JSON.stringify({
    zh: { title: `${REWRITE_MARK.zh}${zh.title}`, content: `${zh.content}${extra.zh}` },
    en: { title: `${REWRITE_MARK.en}${en.title}`, content: `${en.content}${extra.en}` },
  });
}

export async function startFakeOpenAi(options: { mode: FakeMode; slowMs?: number }) {
  const state = { mode: options.mode, bodies: [] as string[], authorization: [] as string[] };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      state.bodies.push(raw);
      state.authorization.push(String(req.headers.authorization ?? ''));
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      if (state.mode === 'error') {
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"message":"boom"}}');
        return;
      }
      const body = JSON.parse(raw) as { messages: { role: string; content: string }[] };
      const user = body.messages.find((m) => m.role === 'user')?.content ?? '{}';
      const content =
        state.mode === 'garbage'
          ? 'Sure! Here is a nicer text.'
          : answerFor(state.mode, JSON.parse(user) as Payload);
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'fake',
            object: 'chat.completion',
            choices: [{ index: 0, message: { role: 'assistant', content } }],
          }),
        );
      };
      if (state.mode === 'slow') setTimeout(send, options.slowMs ?? 7_000).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    state,
    setMode: (mode: FakeMode) => {
      state.mode = mode;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

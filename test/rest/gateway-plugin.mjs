// A @web/test-runner plugin: the server command `cosell-gateway` ({ seed, origin }) starts one real
// gateway (test/rest/gateway-server.ts, loaded through tsx on first use) or resets it to the seed,
// and answers its URL. Browser tests call it with `executeServerCommand('cosell-gateway', ...)`.
export function gatewayPlugin() {
  /** @type {Promise<import('./gateway-server.ts').TestGateway> | undefined} */
  let gateway;
  return {
    name: 'cosell-gateway',
    async executeCommand({ command, payload }) {
      if (command !== 'cosell-gateway') return undefined;
      if (!gateway) {
        const { tsImport } = await import('tsx/esm/api');
        const { startTestGateway } = await tsImport('./gateway-server.ts', import.meta.url);
        gateway = startTestGateway(payload.seed, payload.origin);
      }
      const running = await gateway;
      await running.reset(payload.seed);
      return { url: running.url };
    },
    async serverStop() {
      await (await gateway)?.close();
    },
  };
}

/**
 * A handler's answer already serialised (a cached body): the whole `{"success":true,"data":…}` envelope, encoded
 * once, so a cache hit neither rebuilds, re-serialises nor re-encodes a large object.
 */
export class JsonText {
  readonly body: Buffer;
  constructor(dataJson: string) {
    this.body = Buffer.from(`{"success":true,"data":${dataJson}}`);
  }
}

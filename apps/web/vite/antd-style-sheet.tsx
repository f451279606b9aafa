/**
 * antd's stylesheet for this app, rendered at build time (vite/antd-static-css.ts) so the browser never runs antd's
 * CSS-in-JS: the app's ConfigProvider sets `zeroRuntime` and loads this sheet instead.
 *
 * Each antd style hook generates its component's whole sheet (every variant, size and state) on first call, so one
 * render of each component the app uses — the way antd's own static extraction does it — gives every rule the
 * runtime would have inserted. Popups (tooltip, select and picker dropdowns, menus, modals, messages) render through
 * portals, which a server render skips: their `_InternalPanelDoNotUseOrYouWillBeFired` panels render inline instead.
 * A component the app starts using must be added here, or it renders without styles (only the e2e specs would
 * show it).
 */
import { createCache, extractStyle, StyleProvider } from '@ant-design/cssinjs';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Col,
  ConfigProvider,
  DatePicker,
  Descriptions,
  Drawer,
  Dropdown,
  Empty,
  Form,
  Input,
  Layout,
  message,
  Modal,
  notification,
  Pagination,
  Progress,
  Result,
  Row,
  Segmented,
  Select,
  Skeleton,
  Space,
  Spin,
  Switch,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Upload,
} from 'antd';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { theme } from '../src/app/theme';

const { RangePicker } = DatePicker;
const noop = () => undefined;

/** One of every antd component (and internal part) the app renders. */
function Everything() {
  const columns = [
    { title: 'a', dataIndex: 'a', key: 'a', sorter: (x: { a: number }, y: { a: number }) => x.a - y.a },
    {
      title: 'b',
      dataIndex: 'b',
      key: 'b',
      filters: [{ text: 'x', value: 'x' }],
      ellipsis: true,
      fixed: 'right' as const,
    },
  ];
  const items = [{ key: '1', label: 'one' }];
  return (
    <App>
      <Layout>
        <Layout.Header />
        <Layout.Content />
      </Layout>
      <Row>
        <Col span={12} />
      </Row>
      <Space>
        <Space.Compact>
          <Button />
        </Space.Compact>
      </Space>
      <Button type="primary" size="small" loading icon={<span />} />
      <Button danger type="link" />
      <Card title="t" extra="e" loading />
      <Card size="small" title="t" />
      <Alert type="error" title="a" description="d" showIcon closable action="x" />
      <Badge count={3} status="success" />
      <Badge status="processing" text="x" />
      {/* Preset and status colours are sub-sheets, each generated with the first tag of its kind. */}
      <Tag color="blue" closable />
      <Tag color="success" />
      <Tag.CheckableTag checked />
      <Tooltip._InternalPanelDoNotUseOrYouWillBeFired title="t" />
      <Tooltip title="t">
        <span />
      </Tooltip>
      <Input allowClear prefix="p" />
      <Input.Password />
      <Input.Search enterButton />
      <Input.TextArea showCount />
      <Select._InternalPanelDoNotUseOrYouWillBeFired mode="multiple" options={[{ value: 1 }]} />
      <Select mode="multiple" options={[{ value: 1 }]} value={[1]} maxTagCount="responsive" />
      <Segmented options={['a', 'b']} block />
      <DatePicker._InternalPanelDoNotUseOrYouWillBeFired />
      <DatePicker._InternalRangePanelDoNotUseOrYouWillBeFired />
      <RangePicker />
      <Form layout="vertical">
        <Form.Item label="l" name="n" required help="h" validateStatus="error" hasFeedback>
          <Input />
        </Form.Item>
        <Form.ErrorList errors={['e']} />
      </Form>
      <Modal open={false} />
      <Modal._InternalPanelDoNotUseOrYouWillBeFired title="t" />
      <Modal._InternalPanelDoNotUseOrYouWillBeFired type="confirm" title="t" />
      <Drawer open={false} />
      <Dropdown menu={{ items }}>
        <span />
      </Dropdown>
      <Dropdown._InternalPanelDoNotUseOrYouWillBeFired menu={{ items }} />
      <message._InternalPanelDoNotUseOrYouWillBeFired content="m" type="success" />
      <notification._InternalPanelDoNotUseOrYouWillBeFired title="n" />
      <Empty />
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      <Skeleton active avatar />
      <Skeleton.Button />
      <Skeleton.Input />
      <Skeleton.Node />
      <Spin />
      <Switch onChange={noop} />
      <Progress percent={50} />
      <Progress type="circle" percent={50} />
      <Pagination total={100} showSizeChanger showQuickJumper />
      <Tabs items={[{ key: '1', label: 'a', children: 'b' }]} />
      <Table
        columns={columns}
        dataSource={[{ key: 1, a: 1, b: 'x' }]}
        rowSelection={{}}
        expandable={{ expandedRowRender: () => null }}
        scroll={{ x: 100, y: 100 }}
        summary={() => null}
        size="small"
      />
      <Table columns={columns} dataSource={[]} />
      <Descriptions items={[{ key: '1', label: 'l', children: 'c' }]} bordered />
      <Upload.Dragger />
      <Upload />
      <Result status="404" />
    </App>
  );
}

/** The CSS text of every rule antd's CSS-in-JS would insert for the app's components under its theme. */
export function antdStyleSheet(children: ReactNode = <Everything />): string {
  const cache = createCache();
  renderToString(
    <StyleProvider cache={cache}>
      <ConfigProvider theme={{ ...theme, hashed: false }}>{children}</ConfigProvider>
    </StyleProvider>,
  );
  return extractStyle(cache, { plain: true });
}

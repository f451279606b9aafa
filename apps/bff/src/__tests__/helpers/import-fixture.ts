/** A small clean chain in the import format, with hand-checkable values (Chinese names, offsets, guests). */
export const CLEAN = {
  'stores.csv': [
    'store_id,store_name,city,province,lat,lng,opened_on',
    'S1,人民广场店,上海,上海,31.23,121.47,2024-01-01',
    'S2,徐家汇店,上海,,31.19,121.43,2024-03-01',
    'S3,天河店,广州,广东,23.13,113.32,2025-01-10',
  ].join('\n'),
  'products.csv': [
    'product_id,product_name,category,unit_price',
    'P1,经典热狗,主食,12.00',
    'P2,可乐,饮料,6.50',
    'P3,薯条,小食,',
  ].join('\n'),
  'customers.csv': [
    'customer_id,phone,name,member_level,birth_year',
    'C1,13800138000,张三,gold,1990',
    'C2,,李四,,',
  ].join('\n'),
  'orders.csv': [
    'order_id,customer_id,store_id,ordered_at,channel,order_type,amount,discount,payment_method,status',
    'O1,C1,S1,2025-06-01 12:30:00,pos,dine_in,30.50,0,wechat,completed',
    'O2,C1,S2,2025-06-02T18:00:00+08:00,mini_program,pickup,12.00,,alipay,',
    'O3,,S3,2025-06-02T03:30:00Z,meituan,delivery,45.00,5,,completed',
    'O4,C9,S1,2025-06-03 09:00,eleme,delivery,20,,,refunded',
  ].join('\n'),
  'order_items.csv': [
    'order_id,product_id,quantity,unit_price,amount',
    'O1,P1,2,12.00,24.00',
    'O1,P2,1,6.50,',
    'O2,P1,1,,',
    'O3,P3,3,,15.00',
  ].join('\r\n'),
};

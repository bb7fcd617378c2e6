-- The callback retention purge: delivered callbacks (with their attempts, by cascade) are deleted
-- once older than WIRELESS_CALLBACK_RETENTION; this finds them in delivery order.
create index callback_deliveries_delivered_ix on callback_deliveries (delivered_at) where state = 'delivered';

-- Changes to the Event Webhook are journalled too: the webhook's URL, or its id where the call names no URL.
alter table activity add column webhook text;

create table customers (id varchar(20) primary key, name varchar(100) not null, email varchar(200) not null);
create table products (sku varchar(20) primary key, name varchar(100) not null, price decimal(10, 2) not null, currency varchar(3) not null);
create table staff (name varchar(100) primary key, team varchar(50) not null);
create table orders (id varchar(20) primary key, customer_id varchar(20) not null references customers(id), status varchar(20) not null, total decimal(10, 2) not null, currency varchar(3) not null, placed_on date not null);
create table order_items (order_id varchar(20) not null references orders(id), sku varchar(20) not null references products(sku), quantity int not null, price decimal(10, 2) not null);
create table tickets (id varchar(20) primary key, order_id varchar(20), reason varchar(500) not null, created_at timestamp not null);

CREATE TABLE customers (id INTEGER, name VARCHAR, city VARCHAR, email VARCHAR, signup_date DATE);
INSERT INTO customers VALUES
 (1, 'Alice', 'Paris', 'alice@example.com', DATE '2024-01-15'),
 (2, 'bob', NULL, 'bob@test.org', DATE '2024-02-29'),
 (3, 'Carol', 'Berlin', NULL, DATE '2024-03-10'),
 (4, 'dave', 'paris', 'dave@example.com', DATE '2023-12-31');
CREATE TABLE orders (id INTEGER, customer_id INTEGER, amount DECIMAL(10, 2), qty INTEGER, status VARCHAR, created_at TIMESTAMP, payload VARCHAR);
INSERT INTO orders VALUES
 (1, 1, 120.50, 3, 'shipped', TIMESTAMP '2024-03-01 10:15:00', '{"plan":"pro","seats":5,"tags":{"a":"x"}}'),
 (2, 1, 80.00, 1, 'pending', TIMESTAMP '2024-03-04 23:59:59', '{"plan":"free","seats":1}'),
 (3, 2, 200.00, 4, 'shipped', TIMESTAMP '2024-03-10 08:00:00', '{"plan":"pro","seats":12}'),
 (4, 3, 15.25, 7, 'cancelled', TIMESTAMP '2024-02-28 12:30:00', NULL),
 (5, 4, 99.99, 2, 'shipped', TIMESTAMP '2024-01-31 18:45:30', '{"plan":"team","seats":3}');

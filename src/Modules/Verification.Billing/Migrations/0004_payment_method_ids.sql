-- A subscription keeps the provider's payment-method id, never a card number: earlier rows held the local provider's
-- test card numbers, which become the ids that provider now issues for them.
UPDATE billing.subscriptions SET payment_method = CASE replace(payment_method, ' ', '')
        WHEN '4242424242424242' THEN 'pm_card_visa'
        WHEN '4000000000000002' THEN 'pm_card_visa_chargeDeclined'
        WHEN '4000000000009995' THEN 'pm_card_visa_chargeDeclinedInsufficientFunds'
        WHEN '4000000000000119' THEN 'pm_card_local_providerFailure'
        WHEN '4000000000000341' THEN 'pm_card_local_neverConfirmed'
        ELSE 'pm_card_local_unknown' END
    WHERE payment_method !~ '^pm_';
ALTER TABLE billing.subscriptions ADD CONSTRAINT subscriptions_payment_method_is_an_id CHECK (payment_method ~ '^pm_[A-Za-z0-9_]{1,252}$');

"""The boto3 twin-run test: one module, run with boto3 and with cognito_sync."""

// The `cloudbase` jest project: every local cloud a test starts runs on the CloudBase adapter.
process.env.STORE = 'cloudbase'

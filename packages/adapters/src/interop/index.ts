// Interop: the one bridge from throwing drivers to error values.
export * from './tryDriver.js'

/** A small list of the most common passwords (and keyboard walks) that pass a length check. */
export const COMMON_PASSWORDS = new Set([
  "password", "password1", "password12", "password123", "password1234", "passw0rd", "p@ssw0rd", "p@ssword",
  "123456789", "1234567890", "12345678", "123123123", "111111111", "1111111111", "000000000", "987654321",
  "qwertyuiop", "qwerty123", "qwerty1234", "1q2w3e4r5t", "1qaz2wsx3edc", "zaq12wsx", "asdfghjkl", "zxcvbnm123",
  "iloveyou1", "iloveyou123", "sunshine1", "princess1", "football1", "baseball1", "welcome1", "welcome123",
  "letmein123", "monkey123", "dragon123", "master123", "superman1", "trustno1", "abc123456", "abcd1234",
  "changeme", "changeme1", "changeme123", "secret123", "administrator", "admin1234", "admin12345", "docker123",
  "registry1", "container1", "qwertyqwerty", "aaaaaaaaaa", "passwordpassword", "whatever1", "computer1",
]);

export { RunNotFound as default } from "@/components/retention/run-not-found";

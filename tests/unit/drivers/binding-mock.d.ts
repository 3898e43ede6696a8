// Types for @serialport/binding-mock 10: its own index.d.ts does not resolve under the project's
// "bundler" module resolution (the package's exports map has no types entry).
declare module '@serialport/binding-mock' {
	export interface MockPortBinding {
		readonly openOptions: { path: string; baudRate: number } & Record<string, unknown>;
		recording: Buffer;
		lastWrite: Buffer | null;
		isOpen: boolean;
		emitData(data: Buffer | string): void;
		read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
		write(buffer: Buffer): Promise<void>;
		close(): Promise<void>;
	}

	export interface CreatePortOptions {
		echo?: boolean;
		record?: boolean;
		readyData?: Buffer;
		maxReadSize?: number;
	}

	export const MockBinding: {
		reset(): void;
		createPort(path: string, options?: CreatePortOptions): void;
		list(): Promise<unknown[]>;
		open(options: { path: string; baudRate: number }): Promise<MockPortBinding>;
	};
}
